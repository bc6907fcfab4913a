import { Readable } from 'node:stream';
import fc from 'fast-check';

/** One data row of a generated CSV: column → cell text (absent columns are left empty). */
export type RowCells = Readonly<Record<string, string>>;

/** Lines that may come before a data row without being a row. */
export type Filler = 'blank' | 'comment' | 'empty-cells';

/** A generated CSV file, described by parts so that tests know what each line is. */
export interface CsvFileSpec {
  readonly columns: readonly string[];
  /** How each header cell is written (case, surrounding spaces), same length as `columns`. */
  readonly headerSpelling: readonly string[];
  readonly rows: readonly { readonly cells: RowCells; readonly before: readonly Filler[] }[];
  readonly newline: '\n' | '\r\n' | '\r' | 'mixed';
  readonly bom: boolean;
  readonly leadingComments: number;
  /** Quote every cell, not only those that need it. */
  readonly quoteAll: boolean;
}

/** A CSV rendered from a spec, with the physical line each data row starts on. */
export interface RenderedCsv {
  readonly text: string;
  readonly rowLines: readonly number[];
}

function quoteCell(cell: string, quoteAll: boolean, first: boolean): string {
  // A first cell starting with `#` would make the line a comment; spaces at either end and
  // the CSV specials need quotes too.
  const needs = /[",\n\r]/.test(cell) || (first && cell.startsWith('#'));
  return needs || quoteAll ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Counts line breaks as an editor does: CRLF, CR and LF each end a line. */
export function countBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/** Renders a spec to CSV text, numbering the data rows' physical lines along the way. */
export function renderCsv(spec: CsvFileSpec): RenderedCsv {
  const breaks = ['\n', '\r\n', '\r'] as const;
  let n = 0;
  const eol = (): string => (spec.newline === 'mixed' ? breaks[n++ % 3]! : spec.newline);
  let text = spec.bom ? '\uFEFF' : '';
  for (let i = 0; i < spec.leadingComments; i++) text += `# leading comment ${i}, "quoted${eol()}`;
  text += spec.headerSpelling.map((h, i) => quoteCell(h, spec.quoteAll, i === 0)).join(',') + eol();
  const rowLines: number[] = [];
  for (const row of spec.rows) {
    for (const filler of row.before) {
      if (filler === 'blank') text += eol();
      else if (filler === 'comment') text += `# a comment, with "an odd quote${eol()}`;
      else text += ','.repeat(Math.max(1, spec.columns.length - 1)) + eol();
    }
    rowLines.push(countBreaks(text) + 1);
    const cells = spec.columns.map((c, i) => quoteCell(row.cells[c] ?? '', spec.quoteAll, i === 0));
    text += cells.join(',') + eol();
  }
  return { text, rowLines };
}

/** A byte stream of `text` cut into the given chunk sizes (multi-byte characters get split). */
export function chunkedStream(text: string, sizes: readonly number[]): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes.length > 0 ? sizes[i % sizes.length]! : bytes.length);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

/** Characters that stress CSV quoting, the verify-command split and formula neutralisation. */
const TRICKY = [
  ...'abcxyzABZ019 ',
  ',',
  '"',
  ';',
  '\\',
  "'",
  '=',
  '+',
  '-',
  '@',
  '#',
  '{',
  '}',
  ':',
  '|',
  'é',
  '日',
  '😀',
];

/** Free text built from {@link TRICKY} characters. */
export function trickyText(maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...TRICKY), maxLength });
}

/** Free text that may also hold TAB, CR and LF (rejected where a value reaches a device). */
export function controlText(maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...TRICKY, '\t', '\n', '\r'), maxLength });
}

/** A host cell: IPv4, IPv6 (bracketed or not) or a DNS name. */
export const hostCell: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV6().map((h) => `[${h}]`),
  fc.domain().filter((d) => d.length <= 253 && !/^[\d.]+$/.test(d)),
);

/** A `device_type` cell: platform names and aliases, in any case. */
export const deviceTypeCell: fc.Arbitrary<string> = fc
  .constantFrom(
    'cisco_ios',
    'ios',
    'Cisco_XE',
    'nxos',
    'iosxr',
    'eos',
    'arista_eos',
    'junos',
    'frr',
    'linux',
    'Generic Linux',
  )
  .chain((t) => fc.constantFrom(t, t.toUpperCase(), ` ${t} `));

/** A `port` cell: blank (22) or a valid port, sometimes padded. */
export const portCell: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 65535 }).map(String),
  fc.integer({ min: 1, max: 65535 }).map((p) => ` ${p} `),
);

/** A `host_vars` cell: blank or a JSON object of identifier → string/number/boolean. */
export const hostVarsCell: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
      fc.oneof(trickyText(8), fc.integer(), fc.boolean()),
      { maxKeys: 3 },
    )
    .map((d) => JSON.stringify(d)),
);

/** A `tags` cell. */
export const tagsCell: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-z0-9][a-z0-9_.\-/]{0,6}$/), { maxLength: 3 })
  .chain((tags) => fc.constantFrom(tags.join(';'), tags.join(','), tags.join(' ; ')));

/** A `prod` cell. */
export const prodCell: fc.Arbitrary<string> = fc.constantFrom(
  '',
  'true',
  'false',
  'TRUE',
  ' yes ',
  'no',
  '1',
  '0',
);

/** Spells a header name the way spreadsheets and people do. */
export function headerSpelling(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    name,
    name.toUpperCase(),
    ` ${name} `,
    name.charAt(0).toUpperCase() + name.slice(1),
  );
}

/** Everything of a {@link CsvFileSpec} but its columns and rows. */
export function fileLayout(): fc.Arbitrary<
  Omit<CsvFileSpec, 'columns' | 'headerSpelling' | 'rows'>
> {
  return fc.record({
    newline: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const),
    bom: fc.boolean(),
    leadingComments: fc.nat(2),
    quoteAll: fc.boolean(),
  });
}

/** Fillers before a row: mostly none. */
export const fillers: fc.Arbitrary<Filler[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Filler[]>([]) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom<Filler>('blank', 'comment', 'empty-cells'), {
      maxLength: 2,
    }),
  },
);

/** Builds a file spec from columns and row cells, with random header spellings and layout. */
export function fileOf(
  columns: readonly string[],
  rows: fc.Arbitrary<RowCells[]>,
): fc.Arbitrary<CsvFileSpec> {
  return fc
    .record({
      layout: fileLayout(),
      headerSpelling: fc.tuple(...columns.map(headerSpelling)),
      rows: rows.chain((cells) =>
        fc.tuple(...cells.map((c) => fillers.map((before) => ({ cells: c, before })))),
      ),
    })
    .map(({ layout, headerSpelling: spelled, rows: r }) => ({
      ...layout,
      columns,
      headerSpelling: spelled,
      rows: r,
    }));
}
