"""Links that a site's templates make (menus, sidebars, section lists, breadcrumbs),
modelled from the sources so the graph is the one a crawler sees without a build."""
