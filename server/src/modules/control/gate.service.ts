import type {
  Behaviour,
  ControlAction,
  ControlOutcome,
  HeldMessage,
  PolicyRefusal,
  ReviewStatus,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import { SEALED } from '../../platform/crypto/sealed.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChannelRow } from '../channels/channels.service.ts';
import { redact } from './detection/scanner.ts';
import { type ControlAttachment, type RecentPosts, toHeld } from './held-messages.ts';
import { maskCaught } from './masking.ts';
import type { PoliciesService } from './policies.service.ts';
import {
  type BehaviourCheck,
  type CompiledPolicies,
  evaluate,
  NO_VERDICT,
  type Verdict,
} from './policy-engine.ts';
import * as records from './records.repository.ts';
import * as review from './review.repository.ts';

export interface GateDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  policies: PoliciesService;
  /** Seals what a policy caught before it is stored. */
  cipher: FieldCipher;
}

/** A message about to be posted, as the gate sees it. */
export interface MessageDraft {
  channel: ChannelRow;
  body: string;
  attachments: readonly ControlAttachment[];
  threadId: string | null;
  clientId: string | null;
  confirm: boolean;
  justification: string | null;
  /** A change to a delivered message rather than a new one. */
  edit: boolean;
  /** The sender's recent posts in the channel, counted by the messages module (flooding, repetition). */
  recentPosts: RecentPosts;
}

/**
 * The gate's answer. Each carries what to write, so the record commits in the transaction of the
 * post it describes: a message is never delivered without its record, nor recorded but lost.
 */
export type MessageCheck =
  | {
      kind: 'deliver';
      /** What the recipients get: the body, masked where a `redact` rule matched. */
      body: string;
      redacted: boolean;
      commit(trx: Executor, messageId: string): Promise<void>;
    }
  | { kind: 'hold'; commit(trx: Executor, heldId: string): Promise<HeldMessage> }
  | {
      kind: 'block';
      refusal: PolicyRefusal;
      /** Records the refused attempt in its own transaction (the post itself rolls back). */
      commit(): Promise<void>;
    };

/** Summaries in the external-communication record are this long at most. */
const SUMMARY_MAX = 500;

/**
 * Communication control's gate: every outgoing path asks it before anything is stored or
 * delivered (messages now; email, announcements and press releases call the same gate). It asks
 * the policies, enforces the strictest matching action, and writes the record of every match and
 * of every external communication.
 */
export class ControlGate {
  readonly #deps: GateDeps;

  constructor(deps: GateDeps) {
    this.#deps = deps;
  }

  /**
   * The compiled policies, to fetch before opening the transaction a check runs in: compiling reads
   * the database, which inside a transaction on the single SQLite connection would wait on itself.
   */
  policies(): Promise<CompiledPolicies> {
    return this.#deps.policies.compiled();
  }

  async checkMessage(
    ctx: ActorContext,
    draft: MessageDraft,
    policies: CompiledPolicies,
  ): Promise<MessageCheck> {
    const { channel } = draft;
    const external = channel.kind === 'external';
    const inbound = ctx.actor.kind === 'external';
    // Text and file names are read as one text; the body comes first, so its offsets are the text's.
    const text = [draft.body, ...draft.attachments.map((a) => a.file_name)].join('\n');
    // Policies govern what the company's people send; a counterparty's contact is recorded only.
    const verdict = inbound
      ? NO_VERDICT
      : await evaluate(
          policies,
          {
            text,
            direction: external ? 'external' : 'internal',
            channelKind: channel.kind,
            counterpartyId: channel.counterparty_id,
            senderDepartmentPath: ctx.actor.departmentPath,
          },
          // An edit is not another message: flooding and repetition look at posts only.
          draft.edit ? async () => false : this.#behaviour(draft.recentPosts, draft.body),
        );

    if (verdict.matches.length === 0 && !external) {
      return { kind: 'deliver', body: draft.body, redacted: false, commit: noop };
    }
    const action = enforcedAction(verdict, draft);
    const refusal: PolicyRefusal = {
      action: action ?? 'audit',
      rules: verdict.matches.filter((m) => !m.test),
      requireJustification: verdict.requireJustification,
    };
    // What recipients get when the message is delivered (now, or after approval of a held one).
    const masked = redact(draft.body, verdict.redactions);
    const record = { ctx, draft, text, verdict, action };

    switch (action) {
      case 'block':
        return {
          kind: 'block',
          refusal,
          commit: () =>
            this.#deps.db.transaction().execute(async (t) => {
              const eventId = await this.#recordEvent(t, record, 'blocked', 'open', null);
              if (external) await this.#recordExternal(t, record, 'blocked', eventId, null);
              await this.#audit(t, record, 'control.message.blocked', eventId);
            }),
        };
      case 'hold':
        return {
          kind: 'hold',
          commit: async (t, heldId) => {
            const eventId = await this.#recordEvent(t, record, 'held', 'pending', heldId);
            if (external) await this.#recordExternal(t, record, 'held', eventId, heldId);
            const { cipher } = this.#deps;
            const row = {
              id: heldId,
              channel_id: channel.id,
              author_id: ctx.actor.userId,
              thread_root_id: draft.threadId,
              body: cipher.encrypt(draft.body),
              delivered_body: masked === draft.body ? null : cipher.encrypt(masked),
              attachment_ids: JSON.stringify(draft.attachments.map((a) => a.id)),
              client_id: draft.clientId,
              rules: JSON.stringify(refusal.rules.map((r) => r.ruleName)),
              status: 'held' as const,
              control_event_id: eventId,
              review_comment: null,
              created_at: this.#now(),
              decided_at: null,
              sealed: SEALED,
            };
            await review.insertHeld(t, row);
            await this.#audit(t, record, 'control.message.held', eventId);
            // Its sender sees it as written (as a person sees their own personal data).
            return toHeld(row, draft.body, draft.attachments);
          },
        };
      case 'warn':
        if (!draft.confirm) {
          throw errors.policyConfirmationRequired(
            'This content matches a communication policy: confirm to send it.',
            refusal,
          );
        }
        if (verdict.requireJustification && !draft.justification) {
          throw errors.invalidField('body.justification', 'say why this needs to be sent');
        }
        break;
    }

    const redacted = action === 'redact' && masked !== draft.body;
    const outcome: ControlOutcome = redacted ? 'redacted' : action === 'warn' ? 'warned' : 'allowed';
    return {
      kind: 'deliver',
      body: redacted ? masked : draft.body,
      redacted,
      commit: async (t, messageId) => {
        const eventId =
          verdict.matches.length > 0 ? await this.#recordEvent(t, record, outcome, 'open', messageId) : null;
        if (external) await this.#recordExternal(t, record, outcome, eventId, messageId);
        if (eventId && action === 'warn') await this.#audit(t, record, 'control.message.warned', eventId);
        if (eventId && redacted) await this.#audit(t, record, 'control.message.redacted', eventId);
      },
    };
  }

  /** Flooding and repetition, counted from the sender's recent messages in the channel. */
  #behaviour(recentPosts: RecentPosts, body: string): BehaviourCheck {
    return async (b: Behaviour) => {
      const since = new Date(this.#deps.clock.now().getTime() - b.windowSeconds * 1000).toISOString();
      if (b.kind === 'flooding') return (await recentPosts(since)) >= b.maxMessages;
      return (await recentPosts(since, body)) >= b.maxRepeats;
    };
  }

  async #recordEvent(
    trx: Executor,
    { ctx, draft, text, verdict, action }: Evaluated,
    outcome: ControlOutcome,
    status: ReviewStatus,
    messageId: string | null,
  ): Promise<string> {
    const id = newId();
    await review.insertEvent(trx, {
      id,
      at: this.#now(),
      subject_type: 'message',
      sender_id: ctx.actor.userId,
      channel_id: draft.channel.id,
      counterparty_id: draft.channel.counterparty_id,
      direction: draft.channel.kind === 'external' ? 'external' : 'internal',
      action: action ?? 'audit',
      outcome,
      matches: JSON.stringify(verdict.matches),
      content: this.#deps.cipher.encrypt(text),
      sealed: SEALED,
      highlights: JSON.stringify(verdict.highlights),
      attachment_ids: JSON.stringify(draft.attachments.map((a) => a.id)),
      justification: draft.justification,
      message_id: messageId,
      status,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
    });
    return id;
  }

  async #recordExternal(
    trx: Executor,
    { ctx, draft, text, verdict }: Evaluated,
    outcome: ControlOutcome,
    controlEventId: string | null,
    messageId: string | null,
  ): Promise<void> {
    await records.insertRecord(trx, {
      id: newId(),
      kind: 'message',
      occurred_at: this.#now(),
      person_id: ctx.actor.userId,
      direction: ctx.actor.kind === 'external' ? 'inbound' : 'outbound',
      counterparty_id: draft.channel.counterparty_id,
      channel_id: draft.channel.id,
      // Only the message itself (kept when delivered) carries its id; a held one is linked by its event.
      message_id: outcome === 'held' || outcome === 'blocked' ? null : messageId,
      // The record is a log people read and export: personal numbers stay masked in it, whether or
      // not a policy asked about them.
      summary: maskCaught(text, verdict.highlights).slice(0, SUMMARY_MAX),
      attachment_count: draft.attachments.length,
      outcome,
      control_event_id: controlEventId,
    });
  }

  async #audit(
    trx: Executor,
    { ctx, draft, verdict }: Evaluated,
    action:
      | 'control.message.blocked'
      | 'control.message.warned'
      | 'control.message.held'
      | 'control.message.redacted',
    eventId: string,
  ): Promise<void> {
    await this.#deps.audit.record(trx, ctx, {
      action,
      targetType: 'control_event',
      targetId: eventId,
      summary: {
        channelId: draft.channel.id,
        edit: draft.edit,
        rules: verdict.matches.filter((m) => !m.test).map((m) => m.ruleName),
        kinds: [...new Set(verdict.matches.flatMap((m) => m.kinds.map((k) => k.detector)))],
        ...(draft.justification ? { justification: draft.justification } : {}),
      },
    });
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

async function noop(): Promise<void> {}

/** A draft with its verdict and the action enforced: what the records are written from. */
interface Evaluated {
  ctx: ActorContext;
  draft: MessageDraft;
  text: string;
  verdict: Verdict;
  action: ControlAction | null;
}

/**
 * The action the gate enforces. A file name cannot be masked, so a redaction that falls in one
 * holds the message for review instead; an edit of a delivered message cannot wait for review, so
 * what would hold it refuses it.
 */
function enforcedAction(verdict: Verdict, draft: MessageDraft): ControlAction | null {
  let action = verdict.action;
  if (action === 'redact' && verdict.redactions.some((h) => h.end > draft.body.length)) action = 'hold';
  if (action === 'hold' && draft.edit) action = 'block';
  return action;
}
