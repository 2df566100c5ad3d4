"""The office's pages, one module per page kind; each exports ROUTES for the route table."""
