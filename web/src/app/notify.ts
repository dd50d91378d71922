import type { MessageInstance } from 'antd/es/message/interface';

/**
 * The antd message API lives in React context (App.useApp), but the query cache reports errors
 * outside React; a bridge component inside <App> hands the instance over here.
 */
let instance: MessageInstance | null = null;

export function setMessageInstance(next: MessageInstance | null): void {
  instance = next;
}

export function notifyError(text: string): void {
  instance?.error({ content: text, key: text });
}
