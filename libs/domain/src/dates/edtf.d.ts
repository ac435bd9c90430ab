/** The `edtf` package ships no types: the little of its API the domain uses. */
declare module 'edtf' {
  interface ExtDateTime {
    readonly type: string;
    /** Epoch milliseconds; ±Infinity for an open end, null for an unknown one. */
    readonly min: number | null;
    readonly max: number | null;
    readonly edtf: string;
  }
  interface ParseOptions {
    level?: 0 | 1 | 2;
    types?: string[];
  }
  function edtf(text: string, options?: ParseOptions): ExtDateTime;
  export default edtf;
}
