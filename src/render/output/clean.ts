/**
 * Terminal output made plain text for a model:
 *
 *   plainText('\x1b[31mERROR\x1b[0m disk full')  // 'ERROR disk full'
 *   plainText('10%\r55%\r100%')                  // '100%'
 *
 * - ANSI escape sequences (colours, cursor moves, window titles, hyperlinks) are removed;
 * - a carriage return inside a line overwrites from the line's start, as on a terminal, so
 *   a progress bar reads as its last state;
 * - other control characters (NUL, bell, backspace, C1 codes) are removed; tabs stay.
 * Lines without any control character (most of them) are returned as they are, untouched.
 */

/** Any character this module might remove or rewrite. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const ESCAPES = new RegExp(
  [
    '\\x1b\\[[0-?]*[ -/]*[@-~]', // CSI: colours, cursor moves, erase
    '\\x9b[0-?]*[ -/]*[@-~]', // CSI as one C1 character
    '\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)?', // OSC: titles, hyperlinks (BEL or ST ends it)
    '\\x1b[PX^_][^\\x1b]*(?:\\x1b\\\\)?', // DCS, SOS, PM, APC strings
    '\\x1b[ -/]*[0-~]?', // two-character escapes (ESC 7, ESC ( B) and a lone ESC
    '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]', // other control characters but \t and \r
  ].join('|'),
  'g',
);

export function plainText(line: string): string {
  if (!CONTROL.test(line)) return line;
  const stripped = line.replace(ESCAPES, '');
  return stripped.includes('\r') ? overwrite(stripped) : stripped;
}

/** What a terminal shows after printing `line`: each \r returns to the start and overwrites. */
function overwrite(line: string): string {
  let screen = '';
  for (const segment of line.split('\r')) {
    screen = segment.length >= screen.length ? segment : segment + screen.slice(segment.length);
  }
  return screen;
}
