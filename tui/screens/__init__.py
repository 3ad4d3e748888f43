"""The app's screens: capture, browse, entry detail, help, error, and the review slot."""
