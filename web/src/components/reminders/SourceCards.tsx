import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReminderSource } from '../../api/reminders.ts';
import { useNoticeText } from './noticeText.ts';

/** One small card per registered source (those with something first): total, overdue in red; click to filter. */
export function SourceCards({ sources, selected, onSelect }: { sources: ReminderSource[]; selected: string | undefined; onSelect: (source: string) => void }) {
  const { i18n } = useTranslation();
  const nx = useNoticeText();
  const en = i18n.language === 'en';
  const sorted = [...sources].sort((a, b) => b.overdue - a.overdue || b.total - a.total);
  return (
    <div className="notice-sources" data-testid="source-cards">
      {sorted.map((s) => (
        <Card
          key={s.source}
          size="small"
          hoverable
          className={`notice-source${selected === s.source ? ' notice-source-on' : ''}${s.total === 0 ? ' notice-source-empty' : ''}`}
          onClick={() => onSelect(s.source)}
          data-testid="source-card"
          data-source={s.source}
          role="button"
          aria-pressed={selected === s.source}
        >
          <div className="notice-source-name">{en ? s.nameEn : s.name}</div>
          {s.failed ? (
            <Typography.Text type="warning">{nx('failed')}</Typography.Text>
          ) : (
            <div className="notice-source-counts">
              <span className="notice-source-total" data-testid="source-total">{s.total}</span>
              {s.overdue > 0 && <span className="notice-source-overdue">{`${nx('overdue')} ${s.overdue}`}</span>}
              {s.due > 0 && <span className="notice-source-due">{`${nx('due')} ${s.due}`}</span>}
            </div>
          )}
        </Card>
      ))}
    </div>
  );
}
