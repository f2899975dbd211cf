import { openFromConfig, prepare } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import { deleteExpiredSessions } from '../modules/auth/session.repository.ts';
import { buildApp } from './app.ts';

/** Open the database, prepare it, and serve API + web until SIGINT/SIGTERM. */
export async function serve(config: Config) {
  const { database, cipher } = await openFromConfig(config);
  const log = (m: string) => process.stdout.write(m + '\n');
  await prepare(database, cipher, config, log);
  const app = await buildApp({
    deps: { db: database.db, engine: database.engine, cipher, cookieSecure: config.cookieSecure },
    logger: { level: config.logLevel },
  });
  const sweep = setInterval(() => void deleteExpiredSessions(database.db).catch(() => undefined), 60 * 60 * 1000);
  sweep.unref();
  const stop = async () => {
    clearInterval(sweep);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  log(`统筹已启动 / Tongchou is running: http://localhost:${config.port}  （数据库：${database.engine === 'pglite' ? `嵌入式 PGlite，${database.location}` : database.location}）`);
}
