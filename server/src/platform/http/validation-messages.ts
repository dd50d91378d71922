import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { type $ZodIssue, $ZodType, safeParse } from 'zod/v4/core';
import { LOCALES, type Locale } from '../i18n/i18n.ts';

/** The marker fastify-type-provider-zod puts on its validation entries (`hasZodFastifySchemaValidationErrors`). */
const ZOD_VALIDATION = Symbol.for('ZodFastifySchemaValidationError');

type LocaleError = (issue: never) => string | { message: string } | undefined | null;

/** zod's own wording of its issues, one per language we speak. */
const ZOD_LOCALES: Record<Locale, LocaleError> = {
  'zh-CN': z.locales.zhCN().localeError as LocaleError,
  'en-US': z.locales.en().localeError as LocaleError,
};

function worded(locale: Locale, issue: object): string | null {
  const out = ZOD_LOCALES[locale](issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? null;
}

/**
 * An issue's message in every language. zod words a generic issue (a wrong type, too short, an
 * unknown key) in its default English; such a message is reworded by zod's locale for each reader.
 * A message the schema wrote itself (`.regex(re, 'must be an http(s) URL')`) is kept as written:
 * it is the technical text of that field, the same in every language.
 */
export function issueMessages(issue: $ZodIssue & { input?: unknown }): Record<Locale, string> {
  const generic = worded('en-US', issue);
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    out[locale] =
      generic !== null && issue.message === generic
        ? (worded(locale, issue) ?? issue.message)
        : issue.message;
  }
  return out;
}

/** One entry of a failed validation, in the shape fastify-type-provider-zod gives, with every language's wording. */
export interface LocalizedValidationEntry {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
  messages: Record<Locale, string>;
}

function resolveSchema(maybe: unknown): $ZodType {
  if (maybe instanceof $ZodType) return maybe;
  const properties = (maybe as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`invalid schema: ${JSON.stringify(maybe)}`);
}

/**
 * fastify-type-provider-zod's validator compiler, except that each issue also carries its message
 * in every language (`messages`), for the error handler to answer in the request's. The wording is
 * chosen here because only here does zod still hold the input a message may describe ("expected
 * string, received number"); the input itself is not kept (it may be a password).
 */
export const localizedValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const resolved = resolveSchema(schema);
  return (data) => {
    const result = safeParse(resolved, data, { reportInput: true });
    if (!result.error) return { value: result.data };
    const entries = result.error.issues.map((issue) => {
      const { path, code, message, input: _input, ...params } = issue as $ZodIssue & { input?: unknown };
      return {
        [ZOD_VALIDATION]: true,
        keyword: code,
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/${code}`,
        message,
        params,
        messages: issueMessages(issue),
      } satisfies LocalizedValidationEntry & { [ZOD_VALIDATION]: true };
    });
    return { error: entries as unknown as Error };
  };
};

/** The message of a validation entry for a reader of `locale` (entries from elsewhere keep theirs). */
export function validationMessage(entry: { message?: string }, locale: Locale): string {
  const messages = (entry as Partial<LocalizedValidationEntry>).messages;
  return messages?.[locale] ?? entry.message ?? 'invalid';
}
