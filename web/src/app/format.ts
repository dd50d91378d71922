import dayjs from 'dayjs';

/** Date and time in the user's language, e.g. 2026/11/21 08:00 or 11/21/2026 8:00 AM. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('L LT') : '—';
}

export function formatDateTimeSeconds(value: string | null | undefined): string {
  return value ? dayjs(value).format('L LTS') : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('L') : '—';
}

/** "3 分钟前" / "3 minutes ago". */
export function fromNow(value: string | null | undefined): string {
  return value ? dayjs(value).fromNow() : '—';
}

/** A short "Chrome · Windows" description of a User-Agent header. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /MicroMessenger/.test(userAgent)
      ? 'WeChat'
      : /DingTalk/.test(userAgent)
        ? 'DingTalk'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /Chrome\/|Chromium\//.test(userAgent)
            ? 'Chrome'
            : /Safari\//.test(userAgent)
              ? 'Safari'
              : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Android/.test(userAgent)
          ? 'Android'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !system) return userAgent.slice(0, 60);
  return [browser, system].filter(Boolean).join(' · ');
}
