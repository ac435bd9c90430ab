/** The days an EDTF date may be, as ISO `YYYY-MM-DD` (which sort as dates). */
export interface DayRange {
  earliest: string;
  latest: string;
}
