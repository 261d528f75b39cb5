import { randomBytes } from 'node:crypto';
import os from 'node:os';

/**
 * Names this process among the instances sharing one database: host and pid say where to look
 * (logs, `kill`), the random part tells a restarted process with a reused pid from its predecessor.
 */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
