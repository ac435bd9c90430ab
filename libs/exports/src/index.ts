export * from './icalendar';
export * from './atom';
