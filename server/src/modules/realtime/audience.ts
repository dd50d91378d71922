import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ChannelsService } from '../channels/channels.service.ts';

/**
 * Who may receive a channel's events, cached per channel and dropped whenever membership could
 * have changed (a membership, channel or organisation event). The cache is filled from the same
 * membership rules the REST API enforces.
 */
export class ChannelAudience {
  readonly #db: Kysely<DB>;
  readonly #channels: Pick<ChannelsService, 'byId' | 'memberIds'>;
  readonly #cache = new Map<string, Promise<Set<string>>>();
  /** Channels remembered at most; the least recently used make room (a Map keeps insertion order). */
  readonly #limit: number;

  constructor(db: Kysely<DB>, channels: Pick<ChannelsService, 'byId' | 'memberIds'>, limit = 5000) {
    this.#db = db;
    this.#channels = channels;
    this.#limit = limit;
  }

  members(channelId: string): Promise<Set<string>> {
    let entry = this.#cache.get(channelId);
    if (entry) {
      this.#cache.delete(channelId);
      this.#cache.set(channelId, entry);
    } else {
      entry = this.#load(channelId);
      this.#cache.set(channelId, entry);
      if (this.#cache.size > this.#limit) this.#cache.delete(this.#cache.keys().next().value!);
      // A failed load must not stick.
      entry.catch(() => this.#cache.delete(channelId));
    }
    return entry;
  }

  forget(channelId: string | null): void {
    if (channelId) this.#cache.delete(channelId);
    else this.#cache.clear();
  }

  async #load(channelId: string): Promise<Set<string>> {
    const channel = await this.#channels.byId(this.#db, channelId);
    if (!channel) return new Set();
    return new Set(await this.#channels.memberIds(this.#db, channel));
  }
}
