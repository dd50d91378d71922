import type { ErrorCode } from '@liaison/contracts';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import i18n from './i18n/index.ts';

/**
 * The sentence for an error: the server's own message (it answers in the Accept-Language the client
 * sends), or the client's sentence for the code when the server's shape never arrived.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.serverMessage) return error.serverMessage;
  const code: ErrorCode = error instanceof ApiError ? error.code : 'internal_error';
  return i18n.t(`errors.${code}`);
}

/** `personal.mobile` or `/personal/mobile` → ['personal', 'mobile']; numeric parts become indexes. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .split(/[./]/)
    .filter((part) => part !== '' && part !== 'body')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function hasPath(values: unknown, path: (string | number)[]): boolean {
  let node = values;
  for (const part of path) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return path.length > 0;
}

/**
 * Shows an API failure the way every screen should: field problems next to the fields of the
 * form that sent them, anything else as a toast. Session problems are handled globally.
 */
export function useApiError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (error instanceof ApiError) {
        if (error.code === 'unauthenticated' || error.code === 'password_change_required') return;
        const issues = error.issues;
        if (form && issues.length > 0) {
          const registered = form.getFieldsValue() as Record<string, unknown>;
          const known = issues.filter((issue) => hasPath(registered, toNamePath(issue.path)));
          form.setFields(known.map((issue) => ({ name: toNamePath(issue.path), errors: [issue.message] })));
          const unknown = issues.filter((issue) => !known.includes(issue));
          const extra = unknown.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
          message.error(extra ? `${errorText(error)} ${extra}` : errorText(error));
          return;
        }
      }
      message.error(errorText(error));
    },
    [message],
  );
}
