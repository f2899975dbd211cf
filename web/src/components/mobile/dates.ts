import dayjs from 'dayjs';

/** Today as YYYY-MM-DD in the browser (the server checks against China-local today). */
export const todayLocal = () => dayjs().format('YYYY-MM-DD');
