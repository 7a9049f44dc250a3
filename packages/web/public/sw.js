// Dermis service worker: shows web push messages and opens Dermis when one is tapped. It caches nothing.
// The text comes from the server and never carries PHI (no name, concern, date or case number).
self.addEventListener('push', (event) => {
  let message = { title: 'Dermis', body: '', url: '/' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // not JSON: show the default title only
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: '/favicon.svg',
      data: { url: message.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? '/', self.location.origin);
  // only ever opens Dermis itself
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === target.origin);
      return open ? open.focus().then((w) => w.navigate(target.href)) : self.clients.openWindow(target.href);
    }),
  );
});
