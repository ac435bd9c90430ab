/** What a command decides: events to append, or none because the same thing is already recorded. */
export type Decision<E> = { kind: 'append'; events: E[] } | { kind: 'alreadyRecorded'; eventId: string };
