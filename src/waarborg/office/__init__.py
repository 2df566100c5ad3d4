"""The privacy office's own domain: staff accounts and roles, passwords, web sessions, login
throttling, the mail outbox and scheduled jobs. The web app (`waarborg.web`) and the CLI are thin
shells over these modules; nothing here imports either of them."""
