import path from 'node:path';

/** Runtime configuration, read once from the environment (the stable operator contract). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  secretKey: string | undefined;
  seedDemo: boolean;
  cookieSecure: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.TONGCHOU_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.TONGCHOU_ADMIN_PASSWORD || undefined,
    secretKey: env.TONGCHOU_SECRET_KEY || undefined,
    seedDemo: env.TONGCHOU_SEED_DEMO !== '0',
    cookieSecure: env.TONGCHOU_COOKIE_SECURE === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
