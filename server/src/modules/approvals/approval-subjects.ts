import type { ApprovalSubjectPreview, ApprovalSubjectType } from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';

export type ApprovalOutcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/** What a module that submits things for approval tells the engine. */
export interface ApprovalSubject {
  /** Runs in the deciding transaction when a request ends (or is returned for changes). */
  onOutcome(
    trx: Transaction<DB>,
    subjectId: string,
    outcome: ApprovalOutcome,
    ctx: ActorContext,
  ): Promise<void>;
  /** Whether someone other than the participants may see the request (e.g. the subject's owner). */
  canView?(ctx: ActorContext, subjectId: string, exec: Kysely<DB> | Transaction<DB>): Promise<boolean>;
  /**
   * What the approvers are deciding on, shown in the approval itself (an announcement's text,
   * audience and files; a request's form). Asked only for someone who may see the approval.
   */
  preview?(exec: Kysely<DB>, subjectId: string): Promise<ApprovalSubjectPreview | null>;
}

export interface SubmitInput {
  subjectType: ApprovalSubjectType;
  subjectId: string;
  title: string;
  link: string;
  /** The department whose head is the requester's head (e.g. the publishing department). */
  departmentId: string | null;
  /** What the template's step conditions read. */
  attributes: Record<string, string | boolean>;
}

/** The subject types modules registered with the engine (announcements, requests, …). */
export class ApprovalSubjects {
  readonly #subjects = new Map<ApprovalSubjectType, ApprovalSubject>();

  register(type: ApprovalSubjectType, subject: ApprovalSubject): void {
    this.#subjects.set(type, subject);
  }

  get(type: ApprovalSubjectType): ApprovalSubject | undefined {
    return this.#subjects.get(type);
  }
}
