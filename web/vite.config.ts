import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Which vendor chunk a module from node_modules belongs to (kept apart so app changes don't bust them). */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)\//.test(id)) return 'react';
  if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@babel\/runtime|dayjs|classnames|clsx|@emotion|stylis|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|json2mq|toggle-selection|copy-to-clipboard|resize-observer-polyfill)\//.test(id)) return 'antd';
  if (/node_modules\/(i18next|react-i18next|@tanstack|html-parse-stringify|void-elements|use-sync-external-store)\//.test(id)) return 'vendor';
  return 'vendor';
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3999', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3999', changeOrigin: false } },
  },
});
