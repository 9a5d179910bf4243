/**
 * Tar archives built byte by byte, as an attacker would send them: headers whose name
 * sources disagree, special types, bad modes. Each header gets a correct checksum.
 */

export interface Raw {
  name: string;
  typeflag?: string;
  content?: Buffer | string;
  /** Size field, when it should not be the content's length. */
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
  magic?: 'ustar' | 'gnu' | 'v7';
  prefix?: string;
  /** Write the name's characters as single bytes (to make names that are not UTF-8). */
  latin1?: boolean;
}

/** One header block (and its content), with a correct checksum. */
export function block(raw: Raw): Buffer {
  const content = Buffer.from(raw.content ?? '');
  const header = Buffer.alloc(512);
  header.write(raw.name, 0, 100, raw.latin1 ? 'latin1' : 'utf8');
  header.write(`${(raw.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 'latin1');
  header.write(`${(raw.uid ?? 0).toString(8).padStart(7, '0')}\0`, 108, 'latin1');
  header.write(`${(raw.gid ?? 0).toString(8).padStart(7, '0')}\0`, 116, 'latin1');
  header.write(`${(raw.size ?? content.length).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write(raw.typeflag ?? '0', 156, 'latin1');
  header.write(raw.linkname ?? '', 157, 100, 'utf8');
  const magic = raw.magic ?? 'ustar';
  if (magic === 'ustar') header.write('ustar\x0000', 257, 'latin1');
  if (magic === 'gnu') header.write('ustar  \0', 257, 'latin1');
  if (raw.prefix) header.write(raw.prefix, 345, 155, 'utf8');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padded = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  content.copy(padded);
  return Buffer.concat([header, padded]);
}

/** A PAX extended header ('x', or 'g' for a global one) with these records. */
export const pax = (
  records: Record<string, string> | [string, string][],
  typeflag = 'x',
): Buffer => {
  const list = Array.isArray(records) ? records : Object.entries(records);
  const body = list
    .map(([key, value]) => {
      const rest = ` ${key}=${value}\n`;
      let length = Buffer.byteLength(rest) + 1;
      while (String(length).length + Buffer.byteLength(rest) !== length) length += 1;
      return `${length}${rest}`;
    })
    .join('');
  return block({ name: 'PaxHeaders/x', typeflag, content: body });
};
/** A GNU long name ('L') or long link name ('K') header. */
export const gnuLong = (name: string, typeflag = 'L') =>
  block({ name: '././@LongLink', typeflag, content: `${name}\0`, magic: 'gnu' });
/** The parts, then the end-of-archive blocks. */
export const tar = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.alloc(1024)]);
