import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';
import { ChartPanel } from './ChartPanel.tsx';
import { switchView } from './spec-edits.ts';
import { useViewResult } from './use-view-result.ts';

interface Props {
  spec: ViewSpecInput;
  description: DatasetDescription;
  onPick: (datum: Record<string, unknown>) => void;
}

/**
 * A second view of the same people beside a person-level view: the pathway beside a
 * breakdown or outcome, the main needs beside the pathway. Both share countries and
 * filters, so choosing a category in either narrows the other.
 */
export function LinkedView({ spec, description, onPick }: Props) {
  const { t } = useTranslation();
  const linked = useMemo<ViewSpecInput>(() => {
    if (spec.view === 'pathway') {
      const breakdown = switchView(spec, 'breakdown', description);
      return { ...breakdown, dimension: 'primary_need' } as ViewSpecInput;
    }
    return switchView(spec, 'pathway', description);
  }, [spec, description]);
  const result = useViewResult(linked, t);
  const shown = result.state === 'ready' ? { spec: result.spec, table: result.table } : result.state === 'loading' ? result.previous : null;
  return (
    <section className="linked-view" aria-labelledby="linked-heading" data-view-state={result.state} aria-busy={result.state === 'loading'}>
      <h3 id="linked-heading">{t('explorer.linked.heading')}</h3>
      <p className="help">{t('explorer.linked.help')}</p>
      {result.state === 'error' && <p role="alert" className="error">{result.message}</p>}
      {shown && (
        <ChartPanel spec={shown.spec} table={shown.table} description={description} refreshing={result.state === 'loading'} onPick={onPick} />
      )}
    </section>
  );
}
