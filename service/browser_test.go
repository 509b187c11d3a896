package service_test

import _ "github.com/chromedp/chromedp"
