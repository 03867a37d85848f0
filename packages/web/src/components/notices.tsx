import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

export type NoticeTone = "success" | "info" | "warning" | "danger";
export type Notice = { id: number; tone: NoticeTone; message: string };
type Notify = (message: string, tone?: NoticeTone) => void;

const NoticeContext = createContext<Notify | null>(null);

const DISMISS_AFTER_MS = 6000;

/** Short-lived confirmations ("Cluster created") in a polite live region at the corner of the screen. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((current) => current.filter((notice) => notice.id !== id));
  }, []);

  const notify = useCallback<Notify>(
    (message, tone = "success") => {
      const id = nextId.current++;
      setNotices((current) => [...current.slice(-3), { id, tone, message }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), DISMISS_AFTER_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const value = useMemo(() => notify, [notify]);

  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice notice--${notice.tone}`}>
            <span className="notice__message">{notice.message}</span>
            <button
              type="button"
              className="notice__close"
              aria-label="Dismiss notice"
              onClick={() => dismiss(notice.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NoticeContext);
  if (!notify) throw new Error("useNotify must be used inside <NoticeProvider>");
  return notify;
}
