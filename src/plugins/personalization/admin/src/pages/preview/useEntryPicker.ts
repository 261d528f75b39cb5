import { useState } from 'react';
import { listEntries } from '../../api';
import { useDebounced } from '../../hooks/useDebounced';
import { useLoad } from '../../hooks/useLoad';

export type EntryStatus = 'published' | 'draft';

/** The entry the preview runs on: its type, status, a search, and the entries matching it. */
export const useEntryPicker = () => {
  const [contentType, setContentType] = useState('');
  const [status, setStatus] = useState<EntryStatus>('published');
  const [search, setSearch] = useState('');
  const [documentId, setDocumentId] = useState('');
  const settledSearch = useDebounced(search, 300);
  const entries = useLoad(
    contentType === '' ? null : listEntries(contentType, status, settledSearch)
  ).state;
  const entryOptions =
    entries.status === 'ready'
      ? entries.data.map((entry) => ({ value: entry.documentId, label: entry.label }))
      : [];
  return {
    contentType,
    setContentType,
    status,
    setStatus,
    search,
    setSearch,
    documentId,
    setDocumentId,
    entryOptions,
  };
};

export type EntryPicker = ReturnType<typeof useEntryPicker>;
