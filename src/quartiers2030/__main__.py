from quartiers2030.cli import main

raise SystemExit(main())
