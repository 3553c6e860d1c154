"""The static HTML report: pages of a bloc and of the province, with inline SVG charts."""
