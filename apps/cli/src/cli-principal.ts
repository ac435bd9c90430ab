import { SYSTEM_PREFIX } from '@app/domain';

/** Who the CLI records as `recordedBy`: a system principal, which no API key can be issued to. */
export const CLI_PRINCIPAL = `${SYSTEM_PREFIX}cli`;
