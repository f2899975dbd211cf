import { z } from 'zod';
import { currentMigration } from '../../db/migrate.ts';
import { VERSION } from '../../version.ts';
import type { Module } from '../index.ts';

export const HealthReply = z.object({
  status: z.literal('ok'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgresql']),
  migration: z.string().nullable(),
  time: z.string(),
});

export const healthModule: Module = {
  name: 'health',
  register(app) {
    app.get(
      '/api/health',
      { config: { public: true }, schema: { summary: '健康检查：数据库引擎与迁移版本', tags: ['system'], response: { 200: HealthReply } } },
      async () => ({
        status: 'ok' as const,
        version: VERSION,
        engine: app.deps.engine,
        migration: await currentMigration(app.deps.db),
        time: new Date().toISOString(),
      }),
    );
  },
};
