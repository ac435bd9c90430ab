import { ResolutionPolicy } from '@app/domain';
import { releaseCalendarIcs } from '@app/exports';
import { GetReleaseCalendarQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

/** The films' release dates as iCalendar: the HTTP API's `/franchises/:id/calendar.ics`. */
export async function calendarCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; policy?: ResolutionPolicy },
  io: CliIo,
): Promise<number> {
  const answer = await app.get(QueryBus).execute(new GetReleaseCalendarQuery(args.franchiseId, args.policy));
  await writeTo(io.stdout, releaseCalendarIcs(answer));
  return EXIT_OK;
}
