import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setApiLanguage, setAuthHandlers, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { storeLang, storedLang, type Lang } from '../i18n/index.ts';

type Status = 'loading' | 'ready' | 'offline';

interface AuthValue {
  /** null when signed out. */
  me: Me | null;
  status: Status;
  /** Set when the session ended by itself (expired, signed out elsewhere). */
  sessionExpired: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  can(permission: string): boolean;
  lang: Lang;
  setLang(lang: Lang): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [me, setMeState] = useState<Me | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [sessionExpired, setSessionExpired] = useState(false);
  const meRef = useRef<Me | null>(null);
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  const setMe = useCallback((next: Me | null) => {
    meRef.current = next;
    setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
  }, []);

  const applyLang = useCallback(
    (next: Lang) => {
      setApiLanguage(next);
      document.documentElement.lang = next;
      if (i18n.language !== next) void i18n.changeLanguage(next);
    },
    [i18n],
  );

  const setLang = useCallback(
    (next: Lang) => {
      storeLang(next);
      applyLang(next);
      // Remember the choice on the account too (best effort: the UI has already switched).
      if (meRef.current) void api.put('/api/auth/locale', { locale: next }).catch(() => undefined);
    },
    [applyLang],
  );

  /** After sign-in: a choice made on this device wins; otherwise use the account's saved language. */
  const adoptLang = useCallback(
    (who: Me) => {
      const chosen = storedLang();
      if (!chosen) applyLang(who.locale);
      else if (chosen !== who.locale) void api.put('/api/auth/locale', { locale: chosen }).catch(() => undefined);
    },
    [applyLang],
  );

  const refresh = useCallback(async () => {
    try {
      const who = await api.quiet.get<Me>('/api/auth/me');
      setMe(who);
      setStatus('ready');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        setStatus('ready');
      } else {
        setStatus('offline');
      }
    }
  }, [setMe]);

  useEffect(() => {
    applyLang(storedLang() ?? 'zh-CN');
    setAuthHandlers({
      onUnauthorized: () => {
        if (meRef.current) {
          setSessionExpired(true);
          setMe(null);
          queryClient.clear();
        }
      },
      onPasswordChangeRequired: () => void refresh(),
    });
    void refresh();
  }, [applyLang, queryClient, refresh, setMe]);

  const login = useCallback(
    async (username: string, password: string) => {
      const who = await api.quiet.post<Me>('/api/auth/login', { username, password });
      queryClient.clear();
      setSessionExpired(false);
      setMe(who);
      adoptLang(who);
      return who;
    },
    [adoptLang, queryClient, setMe],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {});
    } finally {
      setSessionExpired(false);
      setMe(null);
      queryClient.clear();
    }
  }, [queryClient, setMe]);

  const can = useCallback((permission: string) => !!me?.permissions.includes(permission), [me]);

  const value = useMemo<AuthValue>(
    () => ({ me, status, sessionExpired, login, logout, refresh, can, lang, setLang }),
    [me, status, sessionExpired, login, logout, refresh, can, lang, setLang],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only for components rendered behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
