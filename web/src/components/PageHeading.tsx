import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title and the one-paragraph explanation under it. */
export function PageHeading({ title, intro }: { title: ReactNode; intro: ReactNode }) {
  return (
    <div>
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {intro}
      </Typography.Paragraph>
    </div>
  );
}
