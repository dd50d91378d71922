import type { Catalogue } from '../catalogue-types.ts';
import type { messagesZhCN } from './messages.zh-CN.ts';

export const messagesEnUS: Catalogue<typeof messagesZhCN> = {
  errors: {
    onlyAuthorEdits: 'Only the author can edit a message.',
    deletedNotEditable: 'A deleted message cannot be edited.',
    channelArchived: 'This channel is archived.',
    changeBlocked: 'This change may not be made here (communication policy).',
    onlyAuthorOrOwnerDeletes: 'Only the author or the channel owner can delete a message.',
    onlyPostersPin: 'Only members who can post may pin.',
    deletedNotPinnable: 'A deleted message cannot be pinned.',
    historyForCompliance: 'Message history is for compliance officers.',
    editWindow: 'Messages can be changed within {{minutes}} minutes of posting.',
    onlyMembersShare: 'Only members can share files in this channel.',
    contentBlocked: 'This content may not be sent here (communication policy).',
    heldForReview: 'The message was held for review.',
    clientIdElsewhere: 'This client id was used in another channel.',
    archivedCannotDeliver: 'The channel is archived; unarchive it to deliver this message.',
    senderLeft: 'The sender is no longer a member of this channel.',
    senderGone: 'The sender no longer exists.',
    onlyMembersPost: 'Only members can post in this channel.',
    archivedCannotPost: 'This channel is archived; unarchive it to post.',
    allHandsPosters: 'Only the owner and authorised announcers post in the all-hands group.',
  },
  nouns: {
    attachment: 'Attachment',
  },
};
