import type { Catalogue } from '../catalogue-types.ts';
import type { channelsZhCN } from './channels.zh-CN.ts';

export const channelsEnUS: Catalogue<typeof channelsZhCN> = {
  errors: {
    onlyComplianceListAll: 'Only compliance officers list every channel.',
    notMember: 'You are not a member of this channel.',
    departmentOutOfScope: 'You can only create groups for departments within your scope.',
    teamGroupCreators: 'Only the team owner or a manager of its department can create its group.',
    allHandsCreators: 'Only company-wide channel managers can create an all-hands group.',
    externalUsersExternalOnly: 'External users talk in external channels.',
    externalOpeners: 'Only communication liaisons and managers open external channels.',
    externalByEmployees: 'External channels are opened by employees.',
    onlyManagersChange: 'Only the channel owner or a manager can change it.',
    archivedCannotChange: 'This channel is archived; unarchive it to change it.',
    onlyManagersArchive: 'Only the channel owner or a manager can archive it.',
    onlyOwnerAdds: 'Only the channel owner can add members.',
    oneToOneCannotGrow: 'A one-to-one conversation cannot grow; start a group conversation instead.',
    oneToOneCannotLeave: 'A one-to-one conversation cannot be left.',
    onlyOwnerRemoves: 'Only the channel owner can remove members.',
    handOverFirst: 'Hand the channel to another owner first.',
    namingRulesManagers: 'Naming rules are set by company-wide channel managers.',
    nameRule: "The name must follow the naming rule '{{pattern}}' (for example '{{example}}').",
    membersFollowOrganisation:
      'Members of this channel follow the organisation; change the department or team instead.',
    invalidMembers: 'Some of these people cannot join this channel.',
  },
  nouns: {
    channelMember: 'Channel member',
  },
};
