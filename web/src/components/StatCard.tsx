import { Card, Statistic } from 'antd';
import type { ReactNode } from 'react';

export interface StatCardProps {
  title: string;
  value: number;
  hint: ReactNode;
  icon: ReactNode;
  tone: 'red' | 'orange' | 'blue';
  testId: string;
}

/** A headline figure with its icon and a one-line explanation (organization page, statistics page). */
export function StatCard({ title, value, hint, icon, tone, testId }: StatCardProps) {
  return (
    <Card className={`stat-card stat-${tone}`} data-testid={testId}>
      <div className="stat-card-body">
        <span className="stat-icon" aria-hidden>
          {icon}
        </span>
        <div>
          <Statistic title={title} value={value} />
          <div className="stat-hint">{hint}</div>
        </div>
      </div>
    </Card>
  );
}
