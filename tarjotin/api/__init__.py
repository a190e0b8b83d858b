"""JSON API in Open Referral HSDS 3 shapes."""
