export * from './icalendar';
export * from './atom';
export * from './prov';
export * from './quickstatements';
