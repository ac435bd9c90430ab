/** What a write answers: where its event is, and whether this call stored it. */
export interface RecordingResult {
  eventId: string;
  revision: number;
  position: string;
  /** False when the same event was already recorded: the answer is the original one. */
  created: boolean;
}
