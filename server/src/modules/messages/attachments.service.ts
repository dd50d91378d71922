import type { Readable } from 'node:stream';
import { type Attachment, can } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { acceptUpload } from '../../platform/storage/content-type.ts';
import { canAudit } from '../channels/channel-access.ts';
import type { ChannelsService } from '../channels/channels.service.ts';
import type { ReviewService } from '../control/review.service.ts';
import { toAttachment } from './message-view.ts';
import * as repo from './messages.repository.ts';

export interface AttachmentsDeps {
  db: Kysely<DB>;
  clock: Clock;
  blobs: BlobStore;
  channels: ChannelsService;
  /** Says who may open the files of a message held for review. */
  review: ReviewService;
  maxBytes: number;
}

/**
 * Files shared in channels. The type is decided by the file's bytes (and must agree with its
 * extension), never by what the uploader's browser claimed; downloads are served as attachments
 * with `nosniff`, so nothing uploaded runs in another user's browser.
 */
export class AttachmentsService {
  readonly #deps: AttachmentsDeps;

  constructor(deps: AttachmentsDeps) {
    this.#deps = deps;
  }

  get maxBytes(): number {
    return this.#deps.maxBytes;
  }

  async upload(
    ctx: ActorContext,
    channelId: string,
    file: { fileName: string; data: Buffer },
  ): Promise<Attachment> {
    const access = await this.#deps.channels.access(ctx, channelId);
    if (!access.isMember) throw errors.forbidden('Only members can share files in this channel.');
    if (access.channel.archived_at) throw errors.conflict('This channel is archived.');
    const { fileName, contentType, sha256 } = acceptUpload(file, this.#deps.maxBytes);
    const id = newId();
    const now = this.#deps.clock.now();
    const key = `attachments/${now.toISOString().slice(0, 7)}/${id}`;
    await this.#deps.blobs.put(key, file.data);
    const row = {
      id,
      uploader_id: ctx.actor.userId,
      channel_id: channelId,
      message_id: null,
      file_name: fileName,
      content_type: contentType,
      size: file.data.length,
      sha256,
      blob_key: key,
      created_at: now.toISOString(),
    };
    await repo.insertAttachment(this.#deps.db, row);
    return toAttachment(row);
  }

  async open(ctx: ActorContext, id: string): Promise<{ attachment: Attachment; stream: Readable }> {
    const row = await repo.findAttachment(this.#deps.db, id);
    if (!row) throw errors.notFound('Attachment');
    // Readable by whoever may read its channel, while its message stands (compliance: always).
    await this.#deps.channels.access(ctx, row.channel_id);
    if (!row.message_id && row.uploader_id !== ctx.actor.userId) throw errors.notFound('Attachment');
    if (row.message_id && !canAudit(ctx.actor)) {
      const message = await repo.findById(this.#deps.db, row.message_id);
      // A file of a message held for review: its sender and the reviewers may open it, nobody else.
      const held = message ? undefined : await this.#deps.review.findHeld(this.#deps.db, row.message_id);
      const mayOpenHeld =
        held !== undefined &&
        held.status !== 'approved' &&
        (held.author_id === ctx.actor.userId || can(ctx.actor.grants, 'control.review'));
      if (!mayOpenHeld && (!message || message.deleted_at)) throw errors.notFound('Attachment');
    }
    return { attachment: toAttachment(row), stream: await this.#deps.blobs.get(row.blob_key) };
  }
}
