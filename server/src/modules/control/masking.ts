import { BUILT_IN_DETECTORS } from '@liaison/contracts';
import { compileScanner, redact } from './detection/scanner.ts';

/** Every built-in personal-data detector, whatever the policies ask for. */
const personalData = compileScanner({
  builtIns: BUILT_IN_DETECTORS.filter((d) => d !== 'classification'),
  custom: [],
});

/**
 * Caught text as lists, records and exports show it: what the policies found (`caught`, spans
 * into the text) and every personal number the built-in detectors find, masked. Only an audited
 * opening of one review item shows the text whole.
 */
export function maskCaught(
  text: string,
  caught: readonly { start: number; end: number; detector: string }[],
): string {
  return redact(text, [...caught, ...personalData.scan(text)]);
}
