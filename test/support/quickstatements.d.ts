/** quickstatements-to-wikibase-edit (the parser the export tests read QuickStatements with) ships no types. */
declare module 'quickstatements-to-wikibase-edit' {
  interface Statement {
    value: unknown;
    qualifiers?: Record<string, unknown[]>;
    references?: Record<string, unknown[]>;
  }
  function convert(commands: string): { edits: { id: string; claims: Record<string, Statement[]> }[] };
  export = convert;
}
