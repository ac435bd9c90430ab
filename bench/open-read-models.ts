import Database from 'better-sqlite3';

/**
 * The start-up baseline, run as its own process: what serving a first answer needs at the
 * least, opening the read-model database and running one read (the checkpoints `/health` shows).
 */
const db = new Database(process.argv[2], { readonly: true });
db.prepare('SELECT * FROM projection_checkpoints').all();
db.close();
