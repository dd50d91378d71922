import { Input } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { useDebounced } from '../useDebounced.ts';

/**
 * A list's search box: typing stays local and reaches the URL (and the query) once it pauses, in
 * place of the current history entry, so each keystroke is neither a request nor a back step.
 */
export function ListSearch({
  value,
  onSearch,
  placeholder,
  style,
  testId,
}: {
  value: string | undefined;
  onSearch: (text: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebounced(text.trim(), 300);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;
  const valueRef = useRef(value);
  valueRef.current = value;

  // The URL changed by itself (reset, back button, a shared link): show what it says.
  useEffect(() => {
    setText((current) => (current.trim() === (value ?? '') ? current : (value ?? '')));
  }, [value]);

  useEffect(() => {
    if ((debounced || undefined) !== (valueRef.current || undefined))
      onSearchRef.current(debounced || undefined);
  }, [debounced]);

  return (
    <Input.Search
      allowClear
      style={{ width: 240, maxWidth: '100%', ...style }}
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      data-testid={testId}
    />
  );
}
