/**
 * CSV as a French-Canadian Excel reads and writes it (RFC 4180 with `;` or `,`): UTF-8 with or without a BOM,
 * CRLF or LF, quoted fields with doubled quotes and line breaks inside. No dependency: the format is small and
 * the import needs each record's line number to name it in an error.
 */

export type Separator = ';' | ',';

export type CsvRecord = {
  /** The physical line the record starts on, the first line being 1. */
  line: number;
  cells: string[];
};

const BOM = '\uFEFF';

/** The separator of the header line: the one that splits it into more columns (`;` on a tie, Excel's in French). */
export function detectSeparator(text: string): Separator {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const outside = header.replace(/"(?:[^"]|"")*"/g, '');
  const count = (c: string) => outside.split(c).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/**
 * The records of `text`, each with its starting line. A quote opens a quoted field only at the start of a field;
 * elsewhere it is kept as typed. An unterminated quoted field runs to the end of the text.
 */
export function parseCsv(text: string, separator: Separator): CsvRecord[] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let atFieldStart = true;
  const endField = () => {
    cells.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === separator) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  // The last record, unless the text ends with its line break.
  if (field !== '' || cells.length || !atFieldStart) endRecord();
  return records;
}

/**
 * A cell a spreadsheet shows as typed: quoted, and a leading character that would start a formula (= + - @, or a
 * tab or carriage return before one) neutralised with an apostrophe, so that opening the file runs nothing.
 */
export function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (FORMULA_LEADING.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}
const FORMULA_LEADING = /^[=+\-@\t\r]/;

/**
 * A cell read back from a file this app wrote: exactly the apostrophe `csvCell` added is taken off, and nothing
 * else (an apostrophe before any other character is the person's own).
 */
export function uncsvCell(s: string): string {
  return s.startsWith("'") && FORMULA_LEADING.test(s.slice(1)) ? s.slice(1) : s;
}

/** A whole file for a French Excel: UTF-8 with BOM, CRLF, every cell quoted and neutralised. */
export function toCsv(rows: unknown[][], separator: Separator = ';'): string {
  return `${BOM}${rows.map((row) => row.map(csvCell).join(separator)).join('\r\n')}\r\n`;
}
