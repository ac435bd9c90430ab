/** ical.js 1.x (the parser the export tests read iCalendar with) ships no types: what the tests use of it. */
declare module 'ical.js' {
  interface Time {
    isDate: boolean;
    toString(): string;
  }
  interface Component {
    getAllSubcomponents(name: string): Component[];
    getFirstPropertyValue(name: string): unknown;
  }
  const ICAL: {
    parse(text: string): unknown;
    Component: new (jcal: unknown) => Component;
    Event: new (component: Component) => {
      uid: string;
      summary: string;
      sequence: number;
      startDate: Time;
      endDate: Time;
    };
  };
  export default ICAL;
}
