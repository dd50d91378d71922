import type { Detector, SaveDetectorRequest } from '@liaison/contracts';

/** The editor's values: terms as one text, one per line, as people paste a word list. */
export interface DetectorFormValues {
  name: string;
  description?: string | null;
  type: Detector['type'];
  terms: string;
  pattern: string;
  caseSensitive: boolean;
}

/** One term per line; surrounding spaces, blank lines and repeats dropped. */
export function parseTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const term = line.trim();
    if (term) seen.add(term);
  }
  return [...seen];
}

export function toDetectorForm(detector: Detector | null): DetectorFormValues {
  if (!detector)
    return { name: '', description: '', type: 'keywords', terms: '', pattern: '', caseSensitive: false };
  return {
    name: detector.name,
    description: detector.description ?? '',
    type: detector.type,
    terms: detector.terms.join('\n'),
    pattern: detector.pattern ?? '',
    caseSensitive: detector.caseSensitive,
  };
}

export function toDetectorRequest(values: DetectorFormValues): SaveDetectorRequest {
  const common = { name: values.name.trim(), description: values.description?.trim() || null };
  if (values.type === 'regex')
    return { ...common, type: 'regex', pattern: values.pattern, caseSensitive: values.caseSensitive };
  return { ...common, type: values.type, terms: parseTerms(values.terms) };
}
