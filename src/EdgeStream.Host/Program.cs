// Placeholder entry point until the command line lands (issue 3).
return 0;
