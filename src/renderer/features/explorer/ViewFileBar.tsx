import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readViewFile, writeViewFile } from '../../../shared/view-file.ts';
import { parseViewSpec, type ViewSpec, type ViewSpecInput } from '../../../shared/view-spec.ts';
import { downloadText } from './download.ts';

interface Props {
  spec: ViewSpecInput;
  datasetVersion: string | null;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  /** Returns why the view cannot open here (an unknown dataset), or null. */
  onOpen: (spec: ViewSpec) => string | null;
}

type Notice = { kind: 'error' | 'info'; text: string } | null;

/** Undo, redo, and views saved to and opened from `.sprig.json` files. */
export function ViewFileBar({ spec, datasetVersion, canUndo, canRedo, onUndo, onRedo, onOpen }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // Reading a chosen file takes a moment; until it is read the bar is busy, so nothing
  // (assistive technology, a test) takes the view on screen for the one being opened.
  const [reading, setReading] = useState(false);

  const save = () => {
    const full = parseViewSpec(spec);
    downloadText(writeViewFile(full, datasetVersion), `${full.dataset}-${full.view}.sprig.json`, 'application/json');
    setNotice({ kind: 'info', text: t('explorer.file.saved') });
  };

  const open = async (file: File) => {
    setReading(true);
    try {
      show(readViewFile(await file.text()));
    } finally {
      setReading(false);
    }
  };

  const show = (opened: ReturnType<typeof readViewFile>) => {
    if (!opened.ok) {
      setNotice({ kind: 'error', text: t(`explorer.file.problem.${opened.problem.kind}`, { reason: opened.problem.reason }) });
      return;
    }
    const refusal = onOpen(opened.spec);
    if (refusal) {
      setNotice({ kind: 'error', text: refusal });
      return;
    }
    const saved = opened.savedWith.version;
    setNotice(
      saved !== datasetVersion
        ? { kind: 'info', text: t('explorer.file.otherVersion', { saved: saved ?? '?', current: datasetVersion ?? '?' }) }
        : { kind: 'info', text: t('explorer.file.opened') },
    );
  };

  return (
    <div className="view-file-bar" aria-busy={reading}>
      <button type="button" onClick={onUndo} disabled={!canUndo} aria-keyshortcuts="Control+Z">{t('explorer.file.undo')}</button>
      <button type="button" onClick={onRedo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">{t('explorer.file.redo')}</button>
      <button type="button" onClick={save}>{t('explorer.file.save')}</button>
      <button type="button" onClick={() => input.current?.click()}>{t('explorer.file.open')}</button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t('explorer.file.open')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void open(file);
          e.target.value = '';
        }}
      />
      {notice && (
        <span role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'error' : 'muted'}>
          {notice.text}
        </span>
      )}
    </div>
  );
}
