import { ImportProgress } from '@app/commands';

/** "29 lines read: 29 created, 0 already recorded". */
export function describeProgress({ line, created, alreadyRecorded }: ImportProgress): string {
  return `${line} ${line === 1 ? 'line' : 'lines'} read: ${created} created, ${alreadyRecorded} already recorded`;
}
