export * from './icalendar';
export * from './atom';
export * from './prov';
