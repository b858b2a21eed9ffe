import { describe, expect, it } from 'vitest';
import { csvCell, detectSeparator, parseCsv, toCsv, uncsvCell } from '#domain/csv';

describe('CSV as a French-Canadian Excel writes it', () => {
  it('finds the separator from the header line, commas and semicolons inside quotes aside', () => {
    expect(detectSeparator('id;name;advisorName\r\n1,2,3,4')).toBe(';');
    expect(detectSeparator('\uFEFFid,name,advisorName\n')).toBe(',');
    expect(detectSeparator('"a;b;c",name,x')).toBe(',');
    expect(detectSeparator('single')).toBe(';');
  });

  it('reads quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, with or without a BOM', () => {
    const text = '\uFEFFa;b;c\r\n"x;1";"il a dit ""oui""";"deux\r\nlignes"\r\n4;;6\n7;8;9';
    expect(parseCsv(text, ';')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x;1', 'il a dit "oui"', 'deux\r\nlignes'] },
      { line: 4, cells: ['4', '', '6'] },
      { line: 5, cells: ['7', '8', '9'] },
    ]);
  });

  it('keeps a quote that does not open a field, and ends without an empty record after the last line break', () => {
    expect(parseCsv('a,b"c\n', ',')).toEqual([{ line: 1, cells: ['a', 'b"c'] }]);
    expect(parseCsv('a;b\r\n;\r\n', ';')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['', ''] },
    ]);
    expect(parseCsv('', ';')).toEqual([]);
    expect(parseCsv('""', ';')).toEqual([{ line: 1, cells: [''] }]);
  });

  it('neutralises formula-leading cells on the way out, and takes back exactly that apostrophe on the way in', () => {
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('Saint-Michel')).toBe('"Saint-Michel"');
    expect(uncsvCell(`'=SUM(A1)`)).toBe('=SUM(A1)');
    expect(uncsvCell(`'Île`)).toBe(`'Île`);
    expect(uncsvCell('-Sud')).toBe('-Sud');
    const file = toCsv([
      ['id', 'name'],
      ['q', '@home "x"'],
    ]);
    expect(file).toBe('\uFEFF"id";"name"\r\n"q";"\'@home ""x"""\r\n');
    const back = parseCsv(file, detectSeparator(file)).map((r) => r.cells.map(uncsvCell));
    expect(back).toEqual([
      ['id', 'name'],
      ['q', '@home "x"'],
    ]);
  });
});
