import type { KeyboardEvent } from 'react';

/** Enter (outside an IME composition) confirms, Shift+Enter breaks the line. */
export function isSendKey(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' &&
    !event.shiftKey &&
    !event.nativeEvent.isComposing &&
    // Safari reports the IME's own Enter as keyCode 229 after compositionend.
    event.keyCode !== 229
  );
}
